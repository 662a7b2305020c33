"""Report export and the service record: the content builder, Word and Excel renderers, the local
report archive with the service record (服务台账), and the monthly ledger.

The PDF renderer lives in `ipdesk.ui.report_pdf` (it draws through Qt); callers pass it in.
"""
