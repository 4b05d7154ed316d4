"""Reports: charts (matplotlib Figures), the Excel workbook and the PDF report.

The writers import matplotlib, openpyxl and reportlab; import them only when a report is made
(``imsdesk.services.reporting`` does), so the app and the CLI start fast.
"""
