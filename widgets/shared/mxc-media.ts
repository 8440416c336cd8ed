import type { WidgetContext } from '../runtime/boot.js';

/**
 * mxc:// media for the widgets (the stand booth's logo and banner, the food truck's item
 * images): MSC4039 download_file through the client (works with authenticated media, gives
 * a blob: URL); otherwise the legacy thumbnail fallback, loaded only then (mxc-thumbnail.ts).
 * Apart from the pages so that fallback is a lazy part of the binding, not a page import.
 */
export function widgetMediaLoader(ctx: WidgetContext, download: string) {
  return async (mxc: string): Promise<string | undefined> => {
    if (ctx.hasCapability(download)) {
      try {
        const { file } = await ctx.api.downloadFile(mxc);
        return URL.createObjectURL(file instanceof Blob ? file : new Blob([file as BlobPart]));
      } catch (error) {
        console.warn('devroom: download_file failed', error);
      }
    }
    return (await import('./mxc-thumbnail.js')).legacyThumbnail(ctx.params.baseUrl, mxc);
  };
}
