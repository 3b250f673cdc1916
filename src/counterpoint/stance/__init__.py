"""Article-to-claim stance (agree / disagree / discuss / unrelated), FNC-1 and Emergent style.

A gradient-boosted tree model over cheap pair features (stance/features.py; optional
sentence-embedding cosines, stance/embed.py), trained by `counterpoint train stance`
and evaluated with numpy (stance/trees.py).
"""

from counterpoint.stance.model import LABELS, StanceModel, StancePrediction, load_model, predict_stance

__all__ = ["LABELS", "StanceModel", "StancePrediction", "load_model", "predict_stance"]
