"""One module per figure of issue 7; each adds rows to the report and never asserts a time."""
