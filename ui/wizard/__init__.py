"""The import wizard: the file and sheet, the columns (mapping_page), the report (import_report)."""
