"""Board papers: regional, pooled budget and action plan reports as HTML and PDF."""
