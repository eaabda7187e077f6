/** Debian's Chromium (apt-get install chromium); browser tests never download a browser. */
export { CHROMIUM_PATH as CHROMIUM } from '../../src/build/chromium.ts';
