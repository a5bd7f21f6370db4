// What every page of the site runs (one small module: one request).

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

// "Copy" buttons (the Share panels): data-copy names the field whose text goes to the clipboard.
for (const button of document.querySelectorAll("[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".copy-status");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.dataset.copied || "Copied.";
    } catch {
      field.select();
    }
  });
}
