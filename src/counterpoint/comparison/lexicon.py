"""A general lexicon of loaded, labelling and hedging language in news.

Each entry is a regular-expression fragment matched case-insensitively on word
boundaries. Categories:

* "loaded": emotive or evaluative words and phrases that carry a judgement
  ("regime", "slammed", "sheer lies", "in the strongest terms").
* "label": words that name a group so as to set it apart ("Western media",
  "so-called", "puppet", "terrorists").
* "hedge": words by which the outlet distances itself from what it reports
  ("allegedly", "reportedly", "claims that", "is believed to").

General-purpose: nothing here is keyed to one story.
"""

from __future__ import annotations

LOADED = (
    # war and violence
    r"kamikaze(?: \w+){0,3} drones?", r"kamikaze", r"flying bombs?", r"suicide drones?",
    r"aggression", r"aggressors?", r"invasion", r"invaders?", r"occupiers?", r"occupation",
    r"occupied", r"annexation", r"annexed", r"atrocit(?:y|ies)", r"massacres?", r"slaughter(?:ed)?",
    r"butcher(?:s|ed)?", r"genocide", r"genocidal", r"war crimes?", r"war criminals?",
    r"ethnic cleansing", r"carnage", r"bloodbath", r"barbaric", r"barbarians?", r"savage(?:ry)?",
    r"brutal(?:ity|ly)?", r"ruthless(?:ly)?", r"heinous", r"terror(?:ism)?", r"terroris(?:e|ed|ing)",
    r"war of attrition", r"war machine", r"warmongers?", r"warmongering", r"bloodthirsty",
    r"militants?", r"extremists?", r"radicals?", r"insurgents?", r"thugs?", r"bandits?",
    r"mercenar(?:y|ies)", r"fascists?", r"fascism", r"nazis?", r"neo-?nazis?", r"jihadists?",
    r"crusade", r"onslaught", r"rampage", r"reign of terror", r"scorched earth",
    r"successfully repelled", r"heroic(?:ally)?", r"heroes", r"martyrs?", r"martyrdom",
    r"liberat(?:e|ed|ion|ors?)", r"glorious", r"valiant", r"crushing defeat", r"humiliat(?:ed|ing|ion)",
    # speech and evaluation
    r"(?:sheer|outright|blatant|brazen|shameless|pure) lies", r"lies", r"liars?", r"fakes",
    r"fake news", r"propaganda", r"disinformation", r"misinformation", r"hoax(?:es)?",
    r"fabricat(?:ed|ions?)", r"baseless", r"groundless", r"unfounded", r"absurd(?:ity)?",
    r"ridiculous", r"preposterous", r"nonsense", r"hysteria", r"hysterical", r"smear(?:s|ed)?",
    r"slander(?:ous)?", r"libel(?:ous)?", r"hypocri(?:sy|tical)", r"hypocrites?", r"cynical(?:ly)?",
    r"outrageous", r"outrage(?:d)?", r"scandalous", r"disgraceful", r"shameful", r"despicable",
    r"provocations?", r"provocative", r"provocateurs?", r"hostile", r"hostility", r"sinister",
    r"nefarious", r"malign", r"malicious", r"notorious(?:ly)?", r"infamous", r"illegitimate",
    r"illegal(?:ly)?", r"criminal", r"crimes?", r"corrupt(?:ion)?", r"rogue", r"pariah",
    r"dictators?", r"dictatorship", r"tyrann(?:y|ical)", r"tyrants?", r"authoritarian",
    r"totalitarian", r"despots?", r"despotic", r"strongman", r"autocra(?:t|ts|cy|tic)",
    r"junta", r"cronies", r"henchm[ae]n", r"stooges?", r"lackeys?", r"vassals?",
    r"copious evidence", r"overwhelming evidence", r"irrefutable", r"undeniable",
    r"in the strongest (?:possible )?terms", r"strongly condemn(?:s|ed)?", r"condemn(?:s|ed)?",
    r"slam(?:s|med)?", r"blast(?:s|ed)?", r"lash(?:es|ed)? out", r"rail(?:s|ed)? against",
    r"decr(?:y|ies|ied)", r"denounc(?:e|es|ed)", r"fum(?:e|es|ed)", r"rant(?:s|ed)?",
    r"scoff(?:s|ed)?", r"mock(?:s|ed)?", r"sneer(?:s|ed)?", r"boast(?:s|ed)?", r"brag(?:s|ged)?",
    r"claim(?:s|ed)? victory",
    r"whitewash(?:ed|ing)?", r"cover(?:s|ed)? up", r"cover-up", r"scapegoat(?:s|ing)?",
    r"blackmail", r"extortion", r"bully(?:ing)?", r"bullies", r"meddling", r"interference",
    r"puppet masters?", r"stab(?:bed)? in the back", r"betray(?:al|ed)?", r"treason", r"traitors?",
    r"catastroph(?:e|ic)", r"disaster(?:ous)?", r"chaos", r"chaotic", r"collapse",
    r"debacle", r"fiasco", r"draconian", r"crippling", r"devastating", r"unprecedented",
    r"alarming", r"menac(?:e|ing)", r"threat(?:ens|ened)?", r"sabre-rattling", r"saber-rattling",
    r"escalat(?:e|ion|ory)", r"belligerent", r"bellicose", r"expansionis[mt]", r"imperialis[mt]",
    r"imperial ambitions", r"neo-?colonial(?:ism)?", r"hegemony", r"hegemonic",
    r"slapped sanctions", r"slap(?:s|ped)?", r"severe (?:international )?sanctions",
)

LABELS = (
    r"regimes?", r"so-called", r"puppets?", r"puppet (?:government|regime|state)",
    r"terrorists?", r"terrorist (?:groups?|organi[sz]ations?|states?)",
    r"Western (?:media|claims|press|countries|strategists|powers|governments|propaganda|"
    r"sponsors|backers|allies|officials|narratives?|leaders|elites?)",
    r"the West", r"collective West", r"Anglo-Saxons?", r"Zionist(?: entity| regime)?",
    r"mainstream media", r"lamestream", r"globalists?",
    r"separatists?", r"rebels?", r"proxies", r"proxy (?:war|forces?)", r"axis of \w+",
    r"enemy", r"enemies", r"the enemy", r"foreign agents?", r"fifth column",
    r"hardliners?", r"ultranationalists?",
    r"state-controlled", r"state-run", r"mouthpiece", r"kremlin-backed", r"kremlin-linked",
    r"pro-(?:Kremlin|Moscow|Western|Russian|Iranian|American|government|regime)",
)

HEDGES = (
    r"allegedly", r"alleged", r"reportedly", r"purportedly", r"supposedly", r"ostensibly",
    r"apparently", r"claim(?:s|ed)? (?:that|to)", r"(?:is|are|was|were) believed to",
    r"(?:is|are|was|were) said to", r"(?:is|are|was|were) thought to",
    r"(?:is|are|was|were) reported to", r"(?:is|are|was|were) understood to",
    r"according to unconfirmed reports", r"unconfirmed", r"unverified", r"rumou?red",
    r"it is unclear", r"could not be independently verified", r"cannot be verified",
)

ENTRIES: tuple[tuple[str, str], ...] = (
    tuple((p, "loaded") for p in LOADED)
    + tuple((p, "label") for p in LABELS)
    + tuple((p, "hedge") for p in HEDGES)
)
