// Building blocks for the small paper lists the LSP and CLI tests write (invented papers and links).

/** `| N) **Title** - what it does. | [Paper](…), [Tweet](…) |` with an invented arXiv id derived from `id`. */
export function row(number: string, title: string, id: number, paper = `https://arxiv.org/abs/2506.${String(id).padStart(5, '0')}`): string {
  return `| ${number} **${title}** - what it does. | [Paper](${paper}), [Tweet](https://x.com/curator/status/${id}) |`;
}
