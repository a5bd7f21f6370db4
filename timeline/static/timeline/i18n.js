// The interface's translations for the scripts, from Django's JavaScript catalogue (a plain script
// the page loads before its modules). Without it the English text is used.

export function gettext(text) {
  return window.gettext ? window.gettext(text) : text;
}

export function ngettext(singular, plural, count) {
  return window.ngettext ? window.ngettext(singular, plural, count) : count === 1 ? singular : plural;
}

// "%(shown)s of %(total)s events" with { shown: 3, total: 71 }.
export function interpolate(text, values) {
  return text.replace(/%\((\w+)\)s/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// The page's language as Intl knows it; the site writes English dates the British way.
export function locale() {
  const language = document.documentElement.lang || "en";
  return language === "en" ? "en-GB" : language;
}

// "2011" → "2011"; "2011-12" → "December 2011"; "2011-12-16" → "16 December 2011".
export function formatPeriod([year, month, day]) {
  if (month === null) return String(year);
  const options = { year: "numeric", month: "long", timeZone: "UTC", ...(day === null ? {} : { day: "numeric" }) };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(Date.UTC(year, month - 1, day || 1)));
}
