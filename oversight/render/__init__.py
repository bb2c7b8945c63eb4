"""Where every document of the product is laid out as a file: PDF (`pdf`, fpdf2) and Word (`word`,
python-docx), with the fonts they embed (`fonts`) and the drawings they share (`drawing`: the brief's trend
chart in millimetres, drawn into the PDF, rasterised into a PNG for Word, and turned into SVG by the printable
page).

A renderer is handed a document's content, already worded (for the brief: `oversight.brief.BriefContent`), and
returns bytes; it reads no database and decides no figure or sentence, so the PDF, the Word file and the
printable page say the same thing. No browser, no network, no streamlit. Each module imports its library
(fpdf2, python-docx, Pillow) when a file is built, not when it is imported.
"""
