#!/usr/bin/env bash
# Regenerates the small HLS/MP4 test streams in test/fixtures/hls/ (see docs/fixtures.md).
# Deterministic inputs (lavfi testsrc2 + sine) so re-running gives equivalent files.
# Tiny on purpose: 160x90 @ 10 fps, ~40 kb/s H.264 Baseline + 32 kb/s mono AAC-LC,
# 2 s segments with a keyframe at every segment start.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=test/fixtures/hls
FF="ffmpeg -hide_banner -loglevel error -y"
rm -rf "$OUT" && mkdir -p "$OUT/vod" "$OUT/live" "$OUT/broken" "$OUT/corrupt" "$OUT/decode"

# Common encode: video from testsrc2 (moving picture + frame counter), audio a 440 Hz tone.
src() { # $1 = duration in seconds
  echo "-f lavfi -i testsrc2=size=160x90:rate=10:duration=$1 -f lavfi -i sine=frequency=440:sample_rate=44100:duration=$1"
}
ENC="-c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -b:v 40k -maxrate 60k -bufsize 60k \
 -g 20 -keyint_min 20 -sc_threshold 0 -c:a aac -b:a 32k -ac 1"

# Sidecar captions (also the source of the in-manifest subtitle rendition).
cat > "$OUT/captions.en.vtt" <<'VTT'
WEBVTT

00:00:00.000 --> 00:00:02.000
Welcome to the devroom test stream.

00:00:02.000 --> 00:00:04.000
This caption comes from a WebVTT file.

00:00:04.000 --> 00:00:06.000
Questions go to the Q&A queue.

00:00:06.000 --> 00:00:08.000
Thanks for watching.
VTT

# 1. VOD, 8 s, MPEG-TS segments, plus a master playlist with an in-manifest WebVTT subtitle
# rendition. ffmpeg 5.1's own HLS subtitle output writes an empty URI into the master, so the
# master and the subtitle playlist are written here; the subtitle playlist has one segment,
# the sidecar file with an X-TIMESTAMP-MAP tying cue time 0 to the first video PTS.
# shellcheck disable=SC2046
$FF $(src 8) $ENC -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_filename "$OUT/vod/seg%d.mpegts" \
  "$OUT/vod/main.m3u8"
PTS=$(ffprobe -v error -select_streams v -show_entries packet=pts -of csv=p=0 "$OUT/vod/seg0.mpegts" | head -1 | tr -d ,)
{ echo "WEBVTT"; echo "X-TIMESTAMP-MAP=MPEGTS:$PTS,LOCAL:00:00:00.000"; tail -n +2 "$OUT/captions.en.vtt"; } > "$OUT/vod/subs.en.vtt"
cat > "$OUT/vod/subs.m3u8" <<'M3U'
#EXTM3U
#EXT-X-VERSION:3
#EXT-X-TARGETDURATION:8
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:VOD
#EXTINF:8.000000,
subs.en.vtt
#EXT-X-ENDLIST
M3U
cat > "$OUT/vod/master.m3u8" <<'M3U'
#EXTM3U
#EXT-X-VERSION:3
#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",DEFAULT=NO,AUTOSELECT=YES,LANGUAGE="en",URI="subs.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=79200,RESOLUTION=160x90,CODECS="avc1.42c01e,mp4a.40.2",SUBTITLES="subs"
main.m3u8
M3U

# 2. MP4, 4 s, progressive (faststart so the browser can play while loading).
# shellcheck disable=SC2046
$FF $(src 4) $ENC -movflags +faststart "$OUT/talk.mp4"

# 3. Live source segments: 10 x 2 s. The dev-server plugin (test/support/hls-live-plugin.mjs)
# builds a sliding-window playlist over them as time passes, looping with a discontinuity.
# shellcheck disable=SC2046
$FF $(src 20) $ENC -f hls -hls_time 2 -hls_list_size 0 -hls_segment_filename "$OUT/live/seg%d.mpegts" \
  "$OUT/live/source.m3u8"

# 4. Broken VOD: 3 segments, the middle one corrupted (payload bytes overwritten with noise
# after the first 2 KB, so the PAT/PMT and the first packets still parse).
# shellcheck disable=SC2046
$FF $(src 6) $ENC -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_filename "$OUT/broken/seg%d.mpegts" \
  "$OUT/broken/index.m3u8"
python3 - "$OUT/broken/seg1.mpegts" <<'PY'
import sys, random
path = sys.argv[1]
data = bytearray(open(path, 'rb').read())
rnd = random.Random(1)
# Keep every 188-byte TS packet header (sync byte + PID) intact, scramble the payloads.
for start in range(2048 - 2048 % 188, len(data), 188):
    for i in range(start + 4, min(start + 188, len(data))):
        data[i] = rnd.randrange(256)
open(path, 'wb').write(bytes(data))
PY

# 5. Garbage segment (4 KB of seeded random bytes, no TS sync bytes): hls.js reports a fatal
# fragParsingError after re-fetching it. index.m3u8 = broken's seg0 + garbage + broken's seg2
# (a recording to skip through); only.m3u8 = the garbage alone (nothing to skip to).
python3 - "$OUT/corrupt/seg1.mpegts" <<'PY'
import sys, random
rnd = random.Random(3)
open(sys.argv[1], 'wb').write(bytes(rnd.randrange(256) for _ in range(4096)))
PY
vod_playlist() { # segment URIs, 2 s each
  printf '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n'
  for uri in "$@"; do printf '#EXTINF:2.000000,\n%s\n' "$uri"; done
  printf '#EXT-X-ENDLIST\n'
}
vod_playlist ../broken/seg0.mpegts seg1.mpegts ../broken/seg2.mpegts > "$OUT/corrupt/index.m3u8"
vod_playlist seg1.mpegts > "$OUT/corrupt/only.m3u8"

# 6. Decode error: a copy of vod/seg1 whose video continuation packets (PID 256, no payload
# unit start, payload only) from packet 20 on carry seeded random bytes. It demuxes fine, then
# Chromium's decoder fails on it (<video> error PIPELINE_ERROR_DECODE), which hls.js does not see.
python3 - "$OUT/vod/seg1.mpegts" "$OUT/decode/seg1.mpegts" <<'PY'
import sys, random
data = bytearray(open(sys.argv[1], 'rb').read())
rnd = random.Random(5)
for i in range(20 * 188, len(data), 188):
    pid = ((data[i + 1] & 0x1f) << 8) | data[i + 2]
    if pid == 256 and not data[i + 1] & 0x40 and (data[i + 3] >> 4) & 3 == 1:
        for j in range(i + 4, i + 188):
            data[j] = rnd.randrange(256)
open(sys.argv[2], 'wb').write(bytes(data))
PY
vod_playlist ../vod/seg0.mpegts seg1.mpegts ../vod/seg2.mpegts > "$OUT/decode/index.m3u8"

du -ch "$OUT" | tail -1
