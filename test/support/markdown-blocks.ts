/**
 * Code blocks of a Markdown document, so tests can run (or check) exactly what the docs show.
 * A block is addressed by an HTML comment `<!-- name… -->` on the line before its fence.
 */
export function markedBlock(markdown: string, name: string): string {
  const lines = markdown.split('\n');
  const marker = lines.findIndex((line) => line.startsWith(`<!-- ${name}`) && line.endsWith('-->'));
  if (marker === -1) throw new Error(`no <!-- ${name} --> marker in the document`);
  const fence = /^(`{3,})\w*$/.exec(lines[marker + 1] ?? '');
  if (!fence) throw new Error(`<!-- ${name} --> is not followed by a fenced code block`);
  const end = lines.findIndex((line, i) => i > marker + 1 && line === fence[1]);
  if (end === -1) throw new Error(`the code block after <!-- ${name} --> is not closed`);
  return lines.slice(marker + 2, end).join('\n') + '\n';
}

/** Every fenced block in `language` (the word after the opening fence). */
export function fencedBlocks(markdown: string, language: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  for (const match of markdown.matchAll(fence)) blocks.push(match[1]!);
  return blocks;
}
