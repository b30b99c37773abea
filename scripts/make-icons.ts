// Draws the Teams app icons: manifest/color.png (192×192, full colour) and manifest/outline.png
// (32×32, white on transparent). Run once after changing the drawing: `npx tsx scripts/make-icons.ts`.
// The PNGs are committed; this script has no dependencies beyond node:zlib.
import { deflateSync, crc32 } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Point = readonly [number, number];
type Rgba = readonly [number, number, number, number];

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes per pixel) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shield outline in unit coordinates (0..1), clockwise from the top centre.
const SHIELD: Point[] = (() => {
  const pts: Point[] = [[0.5, 0.12], [0.8, 0.22], [0.8, 0.48]];
  for (let i = 1; i <= 8; i++) {
    const t = i / 8; // quadratic curve (0.8,0.48) → (0.5,0.9) with control (0.78,0.75)
    const x = (1 - t) ** 2 * 0.8 + 2 * (1 - t) * t * 0.78 + t * t * 0.5;
    const y = (1 - t) ** 2 * 0.48 + 2 * (1 - t) * t * 0.75 + t * t * 0.9;
    pts.push([x, y]);
  }
  const right = pts.slice(1).reverse().map(([x, y]): Point => [1 - x, y]);
  return [...pts, ...right.slice(1)];
})();
const CHECK: Point[] = [[0.35, 0.5], [0.46, 0.62], [0.66, 0.38]];

function inside(p: Point, poly: Point[]): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function nearPath(p: Point, path: Point[], halfWidth: number, closed: boolean): boolean {
  const n = closed ? path.length : path.length - 1;
  for (let i = 0; i < n; i++) {
    if (segmentDistance(p, path[i]!, path[(i + 1) % path.length]!) <= halfWidth) return true;
  }
  return false;
}

/** Renders with 4×4 supersampling; `paint` returns the colour of a unit-space sample point. */
function render(size: number, paint: (p: Point) => Rgba): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint([(x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size]);
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const o = (y * size + x) * 4;
      out[o] = a ? Math.round(r / a) : 0;
      out[o + 1] = a ? Math.round(g / a) : 0;
      out[o + 2] = a ? Math.round(b / a) : 0;
      out[o + 3] = Math.round(a / (n * n));
    }
  }
  return out;
}

const TEAL: Rgba = [0x2e, 0x7d, 0x6b, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

export function drawColorIcon(): Buffer {
  const px = render(192, (p) => {
    if (nearPath(p, CHECK, 0.045, false)) return TEAL;
    if (inside(p, SHIELD)) return WHITE;
    return TEAL;
  });
  return encodePng(192, 192, px);
}

export function drawOutlineIcon(): Buffer {
  const px = render(32, (p) => (nearPath(p, SHIELD, 0.045, true) || nearPath(p, CHECK, 0.05, false) ? WHITE : CLEAR));
  return encodePng(32, 32, px);
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'manifest');
  writeFileSync(join(dir, 'color.png'), drawColorIcon());
  writeFileSync(join(dir, 'outline.png'), drawOutlineIcon());
  console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}
