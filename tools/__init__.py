"""Build-time tools (models, synthetic scans, samples). Not needed at run time."""
