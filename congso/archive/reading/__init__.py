"""Reading administrative documents: document types, number/symbol and date parsing.

Forms follow Nghị định 30/2020/NĐ-CP (administrative documents), the law on legal
normative documents and Party rules; see vn-standards.md §1.2–§1.4. The type table is
data (`doctypes.json`), not code, because several of its entries are still to verify.
"""
