// In another site's frame (/embed/…), a link that leaves the embed opens in a new tab: the frame keeps
// showing the embed, and the reader gets the whole page. Links within the embed (its filters, its
// pages, its other languages) stay in the frame.
const EMBED_PATH = /^\/(?:[a-z]{2}\/)?embed\//;

export function leavesEmbed(href, origin = window.location.origin) {
  const url = new URL(href, window.location.href);
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.origin !== origin) return true;
  return !EMBED_PATH.test(url.pathname);
}

document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest?.("a[href]");
    if (!link || link.getAttribute("href").startsWith("#") || !leavesEmbed(link.href)) return;
    link.target = "_blank";
    link.rel = "noopener";
  },
  true,
);
