"""The attribution stage: who said what, through whom (see extract.py for the cascade).

Modules, one job each: cues (the cue lexicon), quotes (quotation pairing), reported
(reported speech from the parse), speakers (who a source phrase stands for), chains
(channels and intermediaries), outlet (the outlet's own voice), extract (the stage).
"""

from counterpoint.attribution.cues import CUES, CueInfo, cue_polarity
from counterpoint.attribution.extract import PRODUCED_BY, extract_attributions

__all__ = ["CUES", "CueInfo", "PRODUCED_BY", "cue_polarity", "extract_attributions"]
