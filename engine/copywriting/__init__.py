"""Ad copy studio: load a GPT-2-family model (quantized when the guard allows), condition it on a
product, an audience, a platform and a tone, sample diverse variants, fit them to the platform's
limits, score and rank them.

Stage order (CONVENTIONS.md): copywriting reads products and audience traits; it never imports
the exporters or the GUI.
"""
