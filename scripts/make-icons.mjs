// Writes the app icons (public/icons/icon-192.png, icon-512.png, maskable-512.png):
// a white globe on the app's green. Run once after changing the design; the PNGs
// are committed. Plain Node (zlib), no image tools needed.
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";

const GREEN = [0x1f, 0x6f, 0x43];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** `size`² RGB pixels; `scale` shrinks the globe (maskable icons keep to the middle 80 %). */
function png(size, scale) {
  const rows = [];
  const c = size / 2;
  const r = (size / 2) * 0.62 * scale;
  const line = Math.max(2, size * 0.045 * scale);
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - c;
      const dy = y + 0.5 - c;
      const d = Math.hypot(dx, dy);
      const ring = Math.abs(d - r) < line;
      const equator = d < r && Math.abs(dy) < line / 2;
      // A meridian: the ellipse x²/(r/2)² + y²/r² = 1.
      const meridian = d < r && Math.abs(Math.hypot(dx / 0.45, dy) - r) < line;
      row.push(...(ring || equator || meridian ? WHITE : GREEN));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync("public/icons", { recursive: true });
writeFileSync("public/icons/icon-192.png", png(192, 1));
writeFileSync("public/icons/icon-512.png", png(512, 1));
writeFileSync("public/icons/maskable-512.png", png(512, 0.8));
