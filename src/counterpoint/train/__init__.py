"""Training the project's models (extra `train`: python-crfsuite); never imported at run time.

attribution: the attribution CRF tagger (attribution/model.py) on PolNeAR's train part.
"""

from counterpoint.train.attribution import train_attribution

__all__ = ["train_attribution"]
