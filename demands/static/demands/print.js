// "Print this page": shown only where a script runs (a printed page needs no button).
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
