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

// "Aktau, Shetpe and Zhetybai", by the language's pattern in the catalogue. Not Intl.ListFormat: the
// page's first Intl object loads the browser's locale data, 30–60 ms of the explorer's first paint
// (the map's groups are labelled as its first markers are made).
export function listOfNames(names) {
  if (names.length < 2) return names.join("");
  return interpolate(gettext("%(names)s and %(last)s"), { names: names.slice(0, -1).join(", "), last: names.at(-1) });
}

function fill(pattern, values) {
  return pattern.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// Dates written the way the page's language writes them, by the server's rules (core/dates_i18n.py,
// sent as data): "16 December 2011", "16 декабря 2011 г.", "2011 жылғы 16 желтоқсан".
export class DateWriter {
  constructor(style) {
    this.style = style;
  }

  // "2011" → "2011"; "2011-12" → "December 2011"; "2011-12-16" → "16 December 2011" (parsed periods).
  period([year, month, day]) {
    const s = this.style;
    if (month === null) return fill(s.year, { year });
    if (day === null) return fill(s.month, { year, month: s.months[month - 1] });
    return fill(s.day, { year, day, month: s.monthsAfterDay[month - 1] });
  }

  // A time (milliseconds, UTC) on the axis: a year, a month or a day, short.
  tick(time, unit) {
    const date = new Date(time);
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
    if (unit === "year") return String(year);
    const short = this.style.monthsShort[month];
    return fill(unit === "month" ? this.style.shortMonth : this.style.shortDay, { year, month: short, day });
  }

  day(time) {
    const date = new Date(time);
    return this.period([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
  }
}
