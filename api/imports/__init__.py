"""Spreadsheets in: cases, actions and pooled budgets from a documented template."""
