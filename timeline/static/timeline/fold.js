// Text folded for search, step for step as the server folds it (core/search.py), with the tables it
// sends (``rules``: letters, spellings, white space): Жаңаөзен, Жанаозен, Zhanaozen and Zhangaozen
// all become "janaozen". tests/js/fold-vectors.json holds examples both must fold alike.

const MARK = /\p{Mn}/gu;

export function fold(text, rules) {
  const plain = (text || "").normalize("NFKD").replace(MARK, "").toLowerCase();
  let folded = Array.from(plain, (char) => rules.letters[char] ?? char).join("");
  for (const [spelling, variant] of rules.spellings) folded = folded.replaceAll(spelling, variant);
  return folded.replace(new RegExp(`[${rules.whitespace}]+`, "gu"), " ").replace(/^ | $/g, "");
}
