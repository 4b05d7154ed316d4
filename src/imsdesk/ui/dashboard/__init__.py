"""The dashboard of the selected assessment: scores, verdict, gaps, radar charts, targets and the
comparison with an earlier cycle. matplotlib is imported only when a chart is first built."""
