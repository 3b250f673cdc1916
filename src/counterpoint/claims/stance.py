"""Stance of a holder toward a proposition, and the proposition stated positively.

`stance_of(cue_polarity, content_text)` combines what the reporting cue does
("denied", "claimed", "questioned") with what the content itself says, and returns
the proposition in its *positive* form, so that a source asserting P and a source
denying P can be aligned on the same row later.

Cascade, in order (each step may rewrite the text and flip the stance):

1. Clean: strip quote marks, a wire dateline ("CITY, Country, March 14 (Wire) -"),
   discourse fillers ("Unfortunately,", "However,"), a leading "that", evidence fluff
   ("there is copious evidence that", "ship-tracking data reviewed by X show that"), distancing adverbs ("allegedly",
   "reportedly": they set the hedge flag instead), a trailing participle clause of
   the cue (", calling the story ...", ", describing it as ...") or contrast clause
   (", while ...") and trailing punctuation.
1b. Accusations (cue polarity ACCUSES): "the West of trying to X" -> "the West is
   trying to X"; the accuser asserts it.
1c. "X could not independently verify whether P"           -> P, hedged (not denied).
2. "It is false/untrue/a lie that P"                      -> P, negated.
3. "(any|no) truth/basis to reports that P"               -> P; "no" negates.
4. "<X> are sheer lies / false / baseless / fabricated"   -> X, negated;
   "<X> as a fabrication / a fantasy" (after "dismissed", "described") -> X, negated;
   "<someone> has denied/rejected P" inside the content   -> P, negated.
5. Reported-speech nouns ("reports by Western media that P", "the claims of P",
   "allegations that P")                                  -> P (the thing reported).
6. Negation of the main verb ("does not participate", "not working with",
   "never supplied", "cannot"), of the subject ("no foreign ship has docked",
   "there is no lease") or of a "have" object ("has no plans for")
                                                          -> positive form, negated.
7. Stance: the cue gives the base (ASSERTS/ACCUSES -> asserts, DENIES -> denies,
   HEDGES -> hedges, QUESTIONS -> questions); a negated content flips asserts <->
   denies; a hedge word in the main clause ("may", "could", "is believed to",
   "allegedly") turns asserts into hedges.

Hedged or questioned contents whose main verb is negated keep their negation in the
proposition: "X might not do Y" is not a hedge on "X does Y".
"""

from __future__ import annotations

import re

from counterpoint.records import Polarity, Stance

# ------------------------------------------------------------------ vocabularies

REPORT_NOUNS = (
    r"reports?|claims?|allegations?|accusations?|rumou?rs?|stories|story|assertions?|"
    r"suggestions?|speculations?|statements?|charges?|insinuations?|news"
)
FALSITY = (
    r"(?:sheer |pure |utter |complete |total |outright |blatant |baseless |absolute )?"
    r"(?:lies|a lie|lie|false|fake|fakes|fake news|untrue|baseless|fabricated|fabrications?|"
    r"a fabrication|groundless|unfounded|nonsense|fiction|a fiction|not true|"
    r"without (?:any )?(?:basis|foundation)|disinformation|propaganda|(?:a )?fantasy|(?:a )?smear|"
    r"(?:a )?hoax|(?:an )?invention|(?:a )?fairy tale)"
)
DISTANCING_ADVERBS = ("allegedly", "reportedly", "purportedly", "supposedly", "apparently")
HEDGE_PATTERNS = (
    r"\b(?:allegedly|reportedly|purportedly|supposedly|possibly|perhaps|probably|likely)\b",
    # Case-sensitive: "May" is also a month.
    r"\b(?-i:may|might|could|May be|Might|Could)\b",
    r"\b(?:is|are|was|were)\s+(?:believed|thought|said|rumou?red|suspected|alleged)\s+to\b",
    r"\b(?:appears?|seems?)\s+to\b",
)
EVIDENCE_FLUFF = re.compile(
    r"^(?:there\s+(?:is|are|was|were)\s+)?(?:(?:copious|ample|clear|growing|strong|"
    r"abundant|overwhelming|much|plenty of|considerable)\s+)?(?:evidence|proof|signs?)\s+"
    r"(?:that\s+)?"
    # "Ship-tracking data reviewed by X show that P": the evidence named, then P
    r"|^(?:[\w'-]+\s+){0,2}(?:data|records|logs|images|imagery|footage|figures|photos|"
    r"photographs)(?:\s+[\w'-]+){0,5}?\s+(?:show|shows|showed|suggest|suggests|suggested|"
    r"indicate|indicates|indicated|confirm|confirms|confirmed)\s+that\s+",
    re.I,
)
QUOTES = "\"“”„«»‘’`"

# Irregular verbs: base -> (3rd person singular, past).
IRREGULAR = {
    "be": ("is", "was"),
    "have": ("has", "had"),
    "do": ("does", "did"),
    "go": ("goes", "went"),
    "make": ("makes", "made"),
    "take": ("takes", "took"),
    "build": ("builds", "built"),
    "send": ("sends", "sent"),
    "give": ("gives", "gave"),
    "say": ("says", "said"),
    "see": ("sees", "saw"),
    "know": ("knows", "knew"),
    "sell": ("sells", "sold"),
    "buy": ("buys", "bought"),
    "pay": ("pays", "paid"),
    "meet": ("meets", "met"),
    "find": ("finds", "found"),
    "tell": ("tells", "told"),
    "begin": ("begins", "began"),
    "bring": ("brings", "brought"),
    "hold": ("holds", "held"),
    "get": ("gets", "got"),
    "keep": ("keeps", "kept"),
    "lead": ("leads", "led"),
    "leave": ("leaves", "left"),
    "put": ("puts", "put"),
    "run": ("runs", "ran"),
    "win": ("wins", "won"),
    "lose": ("loses", "lost"),
    "fight": ("fights", "fought"),
    "shoot": ("shoots", "shot"),
    "steal": ("steals", "stole"),
    "write": ("writes", "wrote"),
    "come": ("comes", "came"),
    "spend": ("spends", "spent"),
    "seek": ("seeks", "sought"),
    "teach": ("teaches", "taught"),
    "think": ("thinks", "thought"),
    "fly": ("flies", "flew"),
}
VOWELS = set("aeiou")


def third_person(base: str) -> str:
    """'participate' -> 'participates', 'supply' -> 'supplies', 'go' -> 'goes'."""
    low = base.lower()
    if low in IRREGULAR:
        return IRREGULAR[low][0]
    if re.search(r"(s|sh|ch|x|z|o)$", low):
        return base + "es"
    if len(low) > 1 and low.endswith("y") and low[-2] not in VOWELS:
        return base[:-1] + "ies"
    return base + "s"


def past_tense(base: str) -> str:
    """'supply' -> 'supplied', 'plan' -> 'planned', 'build' -> 'built'."""
    low = base.lower()
    if low in IRREGULAR:
        return IRREGULAR[low][1]
    if low.endswith("e"):
        return base + "d"
    if len(low) > 1 and low.endswith("y") and low[-2] not in VOWELS:
        return base[:-1] + "ied"
    # Short consonant-vowel-consonant verbs double the final consonant (plan -> planned).
    if (
        len(low) <= 4
        and len(low) >= 3
        and low[-1] not in VOWELS | {"w", "x", "y"}
        and low[-2] in VOWELS
        and low[-3] not in VOWELS
    ):
        return base + base[-1] + "ed"
    return base + "ed"


# ------------------------------------------------------------------ cleaning


# Sentence adverbs that frame a statement without being part of it.
FILLERS = re.compile(
    r"^(?:unfortunately|fortunately|sadly|regrettably|however|meanwhile|moreover|furthermore|"
    r"indeed|in fact|of course|clearly|obviously|frankly|honestly|in turn|in addition|"
    r"also|still|besides|likewise|similarly|nevertheless|nonetheless|again)\s*,\s*"
    r"|^(?:but|and|so|yet)\s+(?=\w)",
    re.I,
)
# "VEYL, Kestria, March 14 (Harbourline) -": a wire dateline opening a paragraph.
WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{1,40},(?:\s*[^,()\n]{1,40},)?\s*[^()\n]{0,30}\([^)\n]{1,40}\)\s*[-–—]+\s*"
)
# The cue's own participle clause spilling into the content: ", calling the story ...".
CUE_TAIL = re.compile(
    r",\s+(?:calling|describing|dismissing|labell?ing|branding|terming|saying|adding|noting|"
    r"rejecting|denying)\b.*$"
    r"|,\s+(?:while|whereas)\s+.*$",
    re.I,
)


def clean_content(text: str) -> tuple[str, bool]:
    """Strip quotes, datelines, fillers, leading 'that', fluff and distancing adverbs.

    Returns (clean text, hedged) where `hedged` says a distancing adverb was removed.
    """
    out = text.strip()
    # Keep apostrophes inside words (Iran's) while dropping quote marks around phrases.
    out = re.sub(r"(?<=\w)[’'](?=\w)", "'", out)
    out = "".join(ch for ch in out if ch not in QUOTES)
    out = re.sub(r"\s+", " ", out).strip()
    out = out.strip(" ,;:.!?-–—")
    out = WIRE_DATELINE.sub("", out)
    out = CUE_TAIL.sub("", out)
    hedged = False
    for _ in range(3):
        before = out
        out = FILLERS.sub("", out)
        out = re.sub(r"^(?:that|whether|how)\s+", "", out, flags=re.I)
        # Manner adverbials of the cue that spill into the content span.
        out = re.sub(
            r"^(?:in the strongest (?:possible )?terms|categorically|flatly|strongly|firmly|"
            r"vehemently|repeatedly|once again|again)\s+",
            "",
            out,
            flags=re.I,
        )
        out = EVIDENCE_FLUFF.sub("", out)
        out = re.sub(r"^(?:it\s+is\s+(?:clear|true|obvious|known)\s+that\s+)", "", out, flags=re.I)
        if out == before:
            break
    adverbs = r"\b(?:" + "|".join(DISTANCING_ADVERBS) + r")\b,?\s*"
    if re.search(adverbs, out, flags=re.I):
        hedged = True
        out = re.sub(adverbs, "", out, flags=re.I)
    out = re.sub(r"\s+", " ", out).strip(" ,;:.!?-–—")
    return out, hedged


def main_clause(text: str) -> str:
    """The part of a content before its first subordinate clause (a rough cut).

    Hedges and negations after "that"/"which"/"who"/"because" belong to an embedded
    clause ("a drone that could pose challenges") and do not change the main stance.
    """
    match = re.search(r"\b(?:that|which|who|whom|because|although|while|if)\b|[,;]", text[1:])
    return text if match is None else text[: match.start() + 1]


# ------------------------------------------------------------------ rewrites


def _strip_report_noun(text: str) -> str | None:
    """'the Western claims of P' / 'reports by X that P' / 'allegations that P' -> P."""
    match = re.match(
        rf"^(?:the\s+|these\s+|those\s+|such\s+|any\s+|all\s+)?(?:[\w-]+\s+){{0,3}}?"
        rf"(?:{REPORT_NOUNS})"
        rf"(?:\s+(?:by|from|in)\s+(?:the\s+)?[\w' -]+?)?"
        rf"\s+(?:that|of|about|on|regarding|alleging|saying|claiming|suggesting|stating|asserting)"
        rf"\s+(.+)$",
        text,
        flags=re.I,
    )
    if match and len(match.group(1).split()) >= 2:
        return match.group(1)
    return None


def _falsity(text: str) -> str | None:
    """'<X> are sheer lies' / 'it is false that X' -> X (the thing called false)."""
    match = re.match(
        rf"^it\s+(?:is|was)\s+(?:{FALSITY})\s+(?:that\s+|to\s+say\s+(?:that\s+)?)(.+)$",
        text,
        flags=re.I,
    )
    if match:
        return match.group(1)
    match = re.match(
        rf"^(.+?)\s+(?:is|are|was|were|remain|remains)\s+(?:simply\s+|just\s+|nothing\s+but\s+|"
        rf"all\s+)?(?:{FALSITY})(?:\s+.*)?$",
        text,
        flags=re.I,
    )
    if match:
        return match.group(1)
    # "it as a fabrication" / "the story as a fantasy written to order"
    return None


def _falsity_as(text: str) -> str | None:
    """'it as a fabrication' / 'the story as a fantasy written to order' -> 'it' / 'the story'."""
    match = re.match(rf"^(.+?)\s+as\s+(?:{FALSITY})(?:\s+.*)?$", text, flags=re.I)
    if match and len(match.group(1).split()) <= 8:
        return match.group(1)
    # "called the report a fantasy": the object and its label, without "as".
    match = re.match(
        rf"^((?:it|this|that|the\s+(?:[\w-]+\s+){{0,2}}?(?:{REPORT_NOUNS}|leak)))\s+(?:{FALSITY})\b.*$",
        text,
        flags=re.I,
    )
    return match.group(1) if match else None


ACCUSATION = re.compile(
    r"^(?P<who>(?:[\w'.-]+\s+){0,6}?[\w'.-]+)\s+of\s+(?:(?P<neg>not)\s+)?(?P<verb>[a-z]+ing)\b(?P<rest>.*)$",
    re.I,
)


def accusation(text: str) -> str | None:
    """'the West of trying to X' -> 'the West is trying to X' (the accused does it).

    The progressive keeps the accuser's tense-neutral charge; a plural or
    coordinated accused takes "are".
    """
    match = ACCUSATION.match(text)
    if not match:
        return None
    who = match.group("who")
    last = who.split()[-1].lower()
    plural = (
        " and " in f" {who.lower()} "
        or (last.endswith("s") and not last.endswith(("ss", "us", "is")) and "'" not in last)
        or last in ("they", "we", "you", "people", "police")
    )
    be = "are" if plural else "is"
    neg = " not" if match.group("neg") else ""
    return f"{who} {be}{neg} {match.group('verb')}{match.group('rest')}"


EMBEDDED_DENIAL = re.compile(
    r"^((?:[\w'.-]+\s+){1,6}?)(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+|also\s+)?"
    r"(?:denied|rejected|dismissed|refuted|denies|rejects|dismisses|refutes)\s+(.+)$",
    re.I,
)


def _embedded_denial(text: str) -> str | None:
    """'Iran has denied its participation in P' inside a reported content -> the object."""
    match = EMBEDDED_DENIAL.match(text)
    if not match or len(match.group(2).split()) < 3:
        return None
    subject, rest = match.group(1).strip(), match.group(2)
    # "its"/"it" in the object refers to the embedded subject, not to the holder.
    rest = re.sub(r"^(?:its|their|his|her)\s+", f"{subject}'s ", rest, flags=re.I)
    return re.sub(r"^(?:it|they|he|she)\s+", f"{subject} ", rest, flags=re.I)


def _truth_to(text: str) -> tuple[str, bool] | None:
    """'(there is) any/no truth to reports that P' -> (P, negated)."""
    match = re.match(
        r"^(?:there\s+(?:is|was|are)\s+)?(any|no|some|little)\s+(?:truth|basis|substance|"
        r"foundation|merit)\s+(?:to|in|for|behind)\s+(.+)$",
        text,
        flags=re.I,
    )
    if not match:
        return None
    rest = match.group(2)
    rest = _strip_report_noun(rest) or re.sub(r"^the\s+", "", rest, flags=re.I)
    return rest, match.group(1).lower() in ("no", "little")


NEG_DO = re.compile(
    r"\b(do|does|did)\s*(?:not|n't)\s+(?:(?:really|actually|directly|currently|ever|even)\s+)?"
    r"([a-z]+)\b",
    re.I,
)
NEG_AUX = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|should|must|shall)\s*(?:not|n't)\b",
    re.I,
)
NEG_CONTRACTED = {"cannot": "can", "won't": "will", "can't": "can", "shan't": "shall"}
NEG_NEVER = re.compile(r"\bnever\s+", re.I)
NEG_GERUND = re.compile(r"\bnot\s+(?=\w+ing\b)", re.I)
# "there is no lease" -> "there is a lease"; "no foreign ship has docked" -> "foreign ship ...".
NEG_THERE_NO = re.compile(r"^(there\s+(?:is|are|was|were|will be|has been|have been))\s+no\s+", re.I)
NEG_SUBJECT_NO = re.compile(r"^no\s+(?=\w)", re.I)
# "has no plans for" -> "has plans for", but not the idiom "had no choice but to".
NEG_HAVE_NO = re.compile(
    r"\b(has|have|had)\s+no\s+(?!(?:choice|option|alternative|doubt)\b)", re.I
)


def _positive(text: str) -> tuple[str, bool]:
    """Remove the first negation of the main verb. Returns (text, negated)."""
    head = main_clause(text)
    candidates: list[tuple[int, str]] = []
    match = NEG_DO.search(head)
    if match:
        aux, verb = match.group(1).lower(), match.group(2)
        new_verb = {"do": verb, "does": third_person(verb), "did": past_tense(verb)}[aux]
        candidates.append(
            (match.start(), text[: match.start()] + new_verb + text[match.end() :])
        )
    match = NEG_AUX.search(head)
    if match:
        candidates.append((match.start(), text[: match.start()] + match.group(1) + text[match.end() :]))
    for neg, pos in NEG_CONTRACTED.items():
        idx = head.lower().find(neg)
        if idx >= 0 and re.match(r"\b", head[idx:]):
            candidates.append((idx, text[:idx] + pos + text[idx + len(neg) :]))
    match = NEG_THERE_NO.match(text)
    if match:
        candidates.append((0, f"{match.group(1)} a {text[match.end():]}"))
    match = NEG_SUBJECT_NO.match(text)
    if match:
        candidates.append((0, text[match.end():]))
    match = NEG_HAVE_NO.search(head)
    if match:
        candidates.append((match.start(), text[: match.start()] + match.group(1) + " " + text[match.end():]))
    for rx in (NEG_NEVER, NEG_GERUND):
        match = rx.search(head)
        if match:
            candidates.append((match.start(), text[: match.start()] + text[match.end() :]))
    if not candidates:
        return text, False
    _, out = min(candidates, key=lambda c: c[0])
    return re.sub(r"\s+", " ", out).strip(), True


# Words that end the noun phrase after "any" (so the word before them is its noun).
_AFTER_NOUN = frozenset({
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "can", "could", "to", "in", "on",
    "at", "of", "for", "with", "by", "from", "that", "which", "who", "and", "or",
})
_INDEFINITES = {"anything": "something", "anyone": "someone", "anybody": "somebody", "anywhere": "somewhere"}


def _any_phrase(match: re.Match[str]) -> str:
    """"any" before a noun phrase: "a"/"an" where one singular noun follows it and then
    a preposition or an auxiliary ("any project in", "any plan to"); otherwise "any" is
    only dropped ("any warships docked", "any foreign vessel has docked"): without a
    parse a longer phrase may end in a verb ("any lease exists")."""
    words = match.group(2).split()
    first = words[0].lower()
    singular = (len(words) > 1 and words[1].lower() in _AFTER_NOUN
                and not (first.endswith("s") and not first.endswith(("ss", "us", "is"))))
    if not singular:
        return match.group(2)
    article = "an" if first[:1] in "aeiou" else "a"
    return f"{article} {match.group(2)}"


def positive_polarity(text: str) -> str:
    """A denied or negated proposition stated as its holder denies it, without the
    words only a negation licenses: "had anything to do with" -> "had something to do
    with", "any project in" -> "a project in", "any warships" -> "warships", "has ever been"
    -> "has been", "at all" dropped."""
    out = re.sub(r"\b(anything|anyone|anybody|anywhere)\b",
                 lambda m: _INDEFINITES[m.group(1).lower()], text, flags=re.I)
    out = re.sub(r"\b(any)\s+((?:[\w'-]+\s*){1,4})", _any_phrase, out, count=1, flags=re.I)
    out = re.sub(r"\b(has|have|had|is|are|was|were)\s+ever\s+", r"\1 ", out, count=1, flags=re.I)
    out = re.sub(r"\s+at all\b", "", out, flags=re.I)
    return re.sub(r"\s+", " ", out).strip()


# "The Wire could not independently verify whether P" / "it could not be confirmed that P".
UNVERIFIED = re.compile(
    r"^(?:[\w'.-]+\s+){0,5}?(?:could|can|was|were|has|have|had|did|does|is)\s*(?:not|n't)\s+"
    r"(?:be\s+|been\s+)?(?:independently\s+|immediately\s+)?"
    r"(?:verify|verified|confirm|confirmed|corroborate|corroborated|establish|established)\s+"
    r"(?:whether|that|if)\s+(?P<rest>.+)$",
    re.I,
)
NEGATED_TAIL = re.compile(r"^(?:and\s+|but\s+)?(?:[\w'-]+\s+){0,4}(?:never|not|no|n't)\b", re.I)


def _is_hedged(text: str) -> bool:
    head = main_clause(text)
    return any(re.search(p, head, flags=re.I) for p in HEDGE_PATTERNS)


BASE_STANCE = {
    Polarity.ASSERTS: Stance.ASSERTS,
    Polarity.ACCUSES: Stance.ASSERTS,
    Polarity.DENIES: Stance.DENIES,
    Polarity.HEDGES: Stance.HEDGES,
    Polarity.QUESTIONS: Stance.QUESTIONS,
}
FLIP = {Stance.ASSERTS: Stance.DENIES, Stance.DENIES: Stance.ASSERTS}


def stance_of(cue_polarity: Polarity, content_text: str) -> tuple[Stance, str]:
    """The holder's stance and the proposition stated positively (see module doc)."""
    text, hedged = clean_content(content_text)
    negations = 0
    if cue_polarity is Polarity.ACCUSES:
        text = accusation(text) or text
    unverified = UNVERIFIED.match(text)
    if unverified:
        # "X could not independently verify whether P": neither asserted nor denied
        text, hedged = unverified.group("rest"), True

    # Steps 2-5 may chain ("no truth to reports that P"), so loop until stable.
    for _ in range(3):
        before = text
        truth = _truth_to(text)
        if truth is not None:
            text, neg = truth
            negations += int(neg)
        falsity = _falsity(text)
        if falsity is not None:
            text = falsity
            negations += 1
        falsity = _falsity_as(text)
        if falsity is not None:
            text = falsity
            # "dismissed it as a fabrication": the cue already denies; the complement
            # only says how, so it negates only under a neutral cue ("described").
            negations += int(cue_polarity is not Polarity.DENIES)
        embedded = _embedded_denial(text)
        if embedded is not None:
            text = embedded
            negations += 1
        reported = _strip_report_noun(text)
        if reported is not None:
            text = reported
        text, more_hedged = clean_content(text)
        hedged = hedged or more_hedged
        if text == before:
            break

    base = BASE_STANCE.get(cue_polarity, Stance.ASSERTS)
    if base in FLIP:
        positive, negated = _positive(text)
        if negated:
            text = positive
            negations += 1
            # "there is no lease, there was never a lease": a negated clause restated
            # after a comma repeats the denial; the proposition is the first clause
            head, sep, tail = text.partition(", ")
            if sep and len(head.split()) >= 3 and NEGATED_TAIL.search(tail):
                text = head
    stance = base
    if negations % 2 == 1 and stance in FLIP:
        stance = FLIP[stance]
    if stance is Stance.ASSERTS and (hedged or _is_hedged(text)):
        stance = Stance.HEDGES
    text = text.strip(" ,;:.!?-–—")
    if stance is Stance.DENIES or negations:
        text = positive_polarity(text)  # "denied that any vessel has docked" -> "a vessel has docked"
    return stance, text
