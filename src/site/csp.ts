/**
 * The Content-Security-Policy of every page, as a `<meta http-equiv>` so that any static host
 * enforces it without configuration. It makes "no request leaves the origin" and "data are never
 * code" hold by construction, not only by care: the browser refuses scripts other than the site's
 * own files (no inline script, no event-handler attributes, no eval), and every fetch, image,
 * worker and frame outside the origin.
 *
 * - `script-src 'self' 'wasm-unsafe-eval'`: the site's bundled modules; DuckDB-WASM compiles its wasm.
 *   The page's data for the client travel as `<script type="application/json">`, which is not executed.
 * - `worker-src 'self' blob:`: DuckDB-WASM's worker is a same-origin file; `blob:` leaves room for
 *   its wasm handed over as a blob URL (decompressed in the page).
 * - `img-src 'self' data: blob:`: the favicon placeholder (`data:,`) and the PNG export, which
 *   draws the chart's SVG from a blob URL onto a canvas.
 * - `style-src 'self' 'unsafe-inline'`: Observable Plot writes a `<style>` element and `style`
 *   attributes into every SVG it draws, at build time and in the browser. Inline CSS cannot run
 *   script, and with `default-src`/`img-src` limited to the origin, a `url()` in injected CSS cannot
 *   reach another origin either; hashing every Plot style would tie the policy to Plot's output.
 * - `frame-ancestors` and reporting cannot be set from a `<meta>`; a host may add them as headers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
