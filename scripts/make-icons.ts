/**
 * Renders the app's icons and social preview from SVG/HTML with Debian's Chromium (Playwright, nothing downloaded):
 * public/icons/icon-192.png, icon-512.png, maskable-512.png (the mark inside the 80 % safe zone), apple-touch-icon.png
 * (180, opaque) and public/og.png (1200×630). Run `npx tsx scripts/make-icons.ts` after changing the mark; commit the PNGs.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { repoRoot } from "./lib/artifacts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from "./lib/chromium";

const BG = "#020617";
const TILE = "#0f172a";
const SKY = "#38bdf8";

/** The keel mark (the header's logo) at `size` px, `inset` of it left as margin. */
const mark = (size: number, inset: number, rounded: boolean) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 28 28">
  <rect width="28" height="28" rx="${rounded ? 6 : 0}" fill="${rounded ? TILE : BG}"/>
  <g transform="translate(${14 - 14 * (1 - inset)} ${14 - 14 * (1 - inset)}) scale(${1 - inset})">
    ${rounded ? "" : `<rect width="28" height="28" rx="6" fill="${TILE}"/>`}
    <path d="M7 19 14 7l7 12z" fill="none" stroke="${SKY}" stroke-width="2.4" stroke-linejoin="round"/>
  </g>
</svg>`;

const page = (body: string) =>
  `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:${BG}}</style></head><body>${body}</body></html>`;

const og = page(`
<div style="width:1200px;height:630px;box-sizing:border-box;padding:72px 80px;display:flex;flex-direction:column;justify-content:space-between;
  font-family:'DejaVu Sans',sans-serif;color:#e2e8f0;background:radial-gradient(circle at 85% 20%,#0c4a6e 0,${BG} 55%)">
  <div style="display:flex;align-items:center;gap:28px">${mark(112, 0, true)}<span style="font-size:88px;font-weight:700;letter-spacing:-2px">Keel</span></div>
  <div style="font-size:46px;line-height:1.25;max-width:980px">Non-custodial vaults, borrowing and leverage — with the distance to liquidation always in view.</div>
  <div style="display:flex;gap:48px;font-size:30px;color:#94a3b8">
    <span>Health <b style="color:#6ee7b7">3.19</b></span><span>Liquidation <b style="color:#fdba74">$1,182.35</b></span><span>Leverage <b style="color:#7dd3fc">3.00×</b></span>
  </div>
</div>`);

const outputs: { file: string; width: number; height: number; html: string }[] = [
  { file: "icons/icon-192.png", width: 192, height: 192, html: page(mark(192, 0, true)) },
  { file: "icons/icon-512.png", width: 512, height: 512, html: page(mark(512, 0, true)) },
  // Maskable: full-bleed background, the mark within the central 80 % circle every launcher keeps.
  { file: "icons/maskable-512.png", width: 512, height: 512, html: page(mark(512, 0.3, false)) },
  // iOS draws its own rounded corners and wants no transparency.
  { file: "icons/apple-touch-icon.png", width: 180, height: 180, html: page(mark(180, 0.12, false)) },
  { file: "og.png", width: 1200, height: 630, html: og },
];

ensureChromium(); // Debian's Chromium, installed when missing (as `npm test` does)
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  for (const o of outputs) {
    const p = await browser.newPage({ viewport: { width: o.width, height: o.height } });
    await p.setContent(o.html);
    const file = path.join(repoRoot, "public", o.file);
    mkdirSync(path.dirname(file), { recursive: true });
    await p.screenshot({ path: file, omitBackground: false });
    await p.close();
    console.log(`wrote public/${o.file} (${o.width}×${o.height})`);
  }
} finally {
  await browser.close();
}
