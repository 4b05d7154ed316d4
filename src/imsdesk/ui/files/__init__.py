"""Files the app writes and reads for the user: the reports (``report_export``), exchange files
(``exchange_files``, also dropped on the window: ``drop``), and what is shown once they are
written (``written``). The core is imported inside operations and handlers, never here."""
