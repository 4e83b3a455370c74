"""The batch runner: a prompt list through one Client and a journal, into videos, a
`results.jsonl` manifest and an `index.html` gallery."""
