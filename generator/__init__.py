"""Kennisbank Waardevolle Kernen: YAML records → validated model → Markdown for MkDocs.

Stages, one module each, data flowing one way: :mod:`load` → :mod:`validate` → :mod:`model` →
:mod:`render` → :mod:`build` (staging folder) → :mod:`site` (MkDocs + Pagefind, swapped into place).
:mod:`cli` only wires them.
"""
