// The properties every codemod keeps on every file (bench/real-code.mjs checks them on the real-code corpus):
// a file is left byte-identical, or its new text parses with the parser that read it, keeps every byte outside the
// codemod's edits, and does not change when the codemod runs on it again (that last one is checked by the caller).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { diffArrays } = createRequire(path.join(root, 'packages/cli/package.json'))('diff');

/** The tokens of a text as the codemods' parser reads it (with their offsets). */
function tokensOf(codemods, file, text) {
  const { parserOptions } = codemods.languageOptionsFor(file, text);
  const { ast } = codemods.sourceParser.parseForESLint(text, {
    ...parserOptions,
    filePath: file,
    range: true,
    tokens: true,
    comment: true,
    loc: true,
  });
  return ast.tokens.map((token) => ({
    key: `${token.type}:${token.value}`,
    start: token.range[0],
    end: token.range[1],
  }));
}

/**
 * Where `after` changed bytes that are not part of an edit, or `null`. The texts are compared as tokens, each with
 * the white space and comments before it; the edits are the tokens a diff finds added or removed. A run of tokens
 * that was removed and added back unchanged, only with other white space or comments before them, is not an edit
 * but damage: a reprint that re-indents a line, drops a comment, turns CRLF into LF or a Latin-1 byte into U+FFFD.
 * The text after the last token (the final line break) and the byte order mark must stay too.
 */
export function bytesOutsideEdits(codemods, file, before, after) {
  // ESLint's parsers read a text without its byte order mark.
  const strip = (text) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if ((before.charCodeAt(0) === 0xfeff) !== (after.charCodeAt(0) === 0xfeff)) return 'the byte order mark changed';
  const [a, b] = [strip(before), strip(after)];
  const withTrivia = (text, tokens) =>
    tokens.map(
      (token, index) => `${text.slice(index === 0 ? 0 : tokens[index - 1].end, token.start)}\u0000${token.key}`,
    );
  const left = tokensOf(codemods, file, a);
  const right = tokensOf(codemods, file, b);
  const parts = diffArrays(withTrivia(a, left), withTrivia(b, right));
  const plain = (keys) => keys.map((key) => key.slice(key.indexOf('\u0000') + 1)).join(' ');
  for (let index = 1; index < parts.length; index += 1) {
    const [first, second] = [parts[index - 1], parts[index]];
    const removed = first.removed ? first : second.removed ? second : undefined;
    const added = first.added ? first : second.added ? second : undefined;
    if (!removed || !added || plain(removed.value) !== plain(added.value)) continue;
    const was = removed.value[0].slice(0, removed.value[0].indexOf('\u0000'));
    const is = added.value[0].slice(0, added.value[0].indexOf('\u0000'));
    const code = added.value.map((key) => key.slice(key.indexOf('\u0000') + 1).replace(/^[A-Za-z]+:/u, ''));
    return `the unchanged code ${JSON.stringify(code.join(' ').slice(0, 60))} lost its spacing or comments (${JSON.stringify(was.slice(-60))} became ${JSON.stringify(is.slice(-60))})`;
  }
  const tail = (text, tokens) => text.slice(tokens.at(-1)?.end ?? 0);
  if (parts.at(-1) && !parts.at(-1).added && !parts.at(-1).removed && tail(a, left) !== tail(b, right)) {
    return `the text after the last token changed (${JSON.stringify(tail(a, left))} became ${JSON.stringify(tail(b, right))})`;
  }
  return null;
}
