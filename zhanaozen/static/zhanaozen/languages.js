// The language switcher keeps what the page shows now: the server wrote each link with the address
// the page was loaded at; the filters, the selected event and the slide (#n) may have changed since.
document.addEventListener("click", (e) => {
  const link = e.target.closest("a[data-language]");
  if (!link) return;
  const target = new URL(link.href, window.location.href);
  target.search = window.location.search;
  target.hash = window.location.hash;
  link.href = target.href;
});
