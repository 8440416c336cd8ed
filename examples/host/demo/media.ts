import type { MediaStore } from '../../../widgets/testing/media.js';

/**
 * The demo's uploaded media: a logo and a banner for the Kitten Linux stand, stored in the
 * in-memory homeserver's content repository so the stand widget shows them through the
 * client (MSC4039 `download_file`), as it does in Element. Tiny SVGs kept inline so the
 * demo needs no asset pipeline.
 */

export const KITTEN_LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">' +
  '<rect width="96" height="96" rx="20" fill="#264653"/>' +
  '<path d="M22 46 26 14 46 30ZM74 46 70 14 50 30Z" fill="#f4a261"/>' +
  '<circle cx="48" cy="54" r="28" fill="#f4a261"/>' +
  '<circle cx="38" cy="50" r="4" fill="#264653"/><circle cx="58" cy="50" r="4" fill="#264653"/>' +
  '<path d="M44 60h8l-4 5z" fill="#e76f51"/>' +
  '</svg>';

export const KITTEN_BANNER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="960" height="240" viewBox="0 0 960 240">' +
  '<defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#264653"/><stop offset="1" stop-color="#2a9d8f"/></linearGradient></defs>' +
  '<rect width="960" height="240" fill="url(#g)"/>' +
  '<rect x="600" y="40" width="300" height="160" rx="12" fill="#0b1d26" opacity=".85"/>' +
  '<path d="M624 80l16 12-16 12" stroke="#e9c46a" stroke-width="6" fill="none"/>' +
  '<rect x="652" y="98" width="120" height="8" fill="#e9c46a"/>' +
  '<rect x="624" y="130" width="200" height="8" fill="#8ab17d"/><rect x="624" y="154" width="150" height="8" fill="#8ab17d"/>' +
  '<text x="60" y="130" font-family="system-ui,sans-serif" font-size="56" font-weight="700" fill="#fff">Kitten 4.2 is out</text>' +
  '<text x="62" y="176" font-family="system-ui,sans-serif" font-size="28" fill="#e9f5f3">Get a USB stick at the booth</text>' +
  '</svg>';

/** A paper cone of frites with mayonnaise: the food truck's picture of its small cone. */
export const FRITES_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 96 96">' +
  '<rect width="96" height="96" rx="16" fill="#fdf0d5"/>' +
  '<g fill="#f4c542" stroke="#d99a1e" stroke-width="1.5">' +
  '<rect x="26" y="14" width="8" height="38" rx="2" transform="rotate(-12 30 33)"/>' +
  '<rect x="36" y="8" width="8" height="42" rx="2" transform="rotate(-4 40 29)"/>' +
  '<rect x="46" y="10" width="8" height="40" rx="2" transform="rotate(5 50 30)"/>' +
  '<rect x="56" y="14" width="8" height="36" rx="2" transform="rotate(13 60 32)"/></g>' +
  '<ellipse cx="55" cy="38" rx="11" ry="6" fill="#fffbe8"/>' +
  '<path d="M22 40h52L54 88h-12z" fill="#c1121f"/>' +
  '<path d="M30 48h36M34 58h28" stroke="#fff" stroke-width="3"/>' +
  '</svg>';

/** Uploads the food truck's item pictures; returns their mxc:// URIs. */
export function uploadFoodTruckMedia(media: MediaStore): { frites: string } {
  return { frites: media.upload(FRITES_SVG, 'image/svg+xml') };
}

/** Uploads the stand's logo and banner; returns their mxc:// URIs. */
export function uploadStandMedia(media: MediaStore): { logo: string; banner: string } {
  return {
    logo: media.upload(KITTEN_LOGO_SVG, 'image/svg+xml'),
    banner: media.upload(KITTEN_BANNER_SVG, 'image/svg+xml'),
  };
}
