"""The half-year collection: one workbook per lead unit out (`collect`), filled workbooks back in
(`collect apply`), and who has not reported yet (`collect status`).

`layout` is the one description of the workbook that both directions read: sheets, columns,
the header row and the hidden sheet that identifies the plan, the half and each measure's file.
"""
