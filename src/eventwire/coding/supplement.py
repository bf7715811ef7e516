"""Verbs and verb patterns the CAMEO.2.0 dictionary lacks, in its own PETRARCH-2 format.

CAMEO.2.0 has no entry for some common news verbs ("handed over medicine", "retook the town")
and no pattern for some common objects of verbs it does list ("strengthened its forces",
"upgraded ties", "blocked the bridge", "converged for a rally"). The entries follow the CAMEO
codebook's definitions of the codes they use and are merged into the shipped lexicon when the
default coder is built.
"""

from __future__ import annotations

from eventwire.coding.lexicon import Lexicon, parse_verb_dictionary

SUPPLEMENT = """
&PROPOSAL
+OFFER
+INITIATIVE
+APPEAL
+FORMULA

--- HANDOVER   [---]  ---
+HAND_OVER
- * AID                     [070]   # HAND
- * &FOOD                   [073]   # HAND
- * MEDICINE                [073]   # HAND
- * MEDICINES               [073]   # HAND
- * SUPPLIES                [073]   # HAND
- * &WEAPON                 [072]   # HAND
- * PRISONERS               [0841]  # HAND
- * HOSTAGES                [0841]  # HAND

--- STRENGTHEN   [---]  ---
- * &MILITARY               [154]   # STRENGTHEN
- * FORCES                  [154]   # STRENGTHEN
- * {MILITARY PRESENCE}     [154]   # STRENGTHEN

--- IMPEL   [170]  ---
- * &MILITARY               [154]   # REINFORCE
- * FORCES                  [154]   # REINFORCE

--- UPGRADE   [---]  ---
- * TIES                    [050]   # UPGRADE
- * RELATIONS               [050]   # UPGRADE

--- EXCLUDE   [170]  ---
- * STREET                  [144]   # BLOCK , BLOCKADE , BARRICADE
- * STREETS                 [144]   # BLOCK , BLOCKADE , BARRICADE
- * ROADS                   [144]   # BLOCK , BLOCKADE , BARRICADE
- * HIGHWAY                 [144]   # BLOCK , BLOCKADE , BARRICADE
- * BRIDGE                  [144]   # BLOCK , BLOCKADE , BARRICADE
- * RAILWAY                 [144]   # BLOCK , BLOCKADE , BARRICADE
- * TRANSPORT               [144]   # BLOCK , BLOCKADE , BARRICADE
- * WORK                    [143]   # SHUN , BOYCOTT

--- ASSEMBLE   [040]  ---
- * (FOR RALLY)             [141]   # CONVERGE , GATHER , ASSEMBLE
- * (FOR PROTEST)           [141]   # CONVERGE , GATHER , ASSEMBLE
- * (FOR DEMONSTRATION)     [141]   # CONVERGE , GATHER , ASSEMBLE

--- DEPORT   [174]  ---
- * INSPECTORS              [1662]  # EXPEL , EVICT , OUST
- * OBSERVERS               [1662]  # EXPEL , EVICT , OUST
- * MONITORS                [1662]  # EXPEL , EVICT , OUST
- * &PKO                    [1661]  # EXPEL , EVICT , OUST
- * {AID WORKERS}           [1663]  # EXPEL , EVICT , OUST
- * {AID AGENCIES}          [1663]  # EXPEL , EVICT , OUST

--- RETREAT   [080]  ---
- * INSPECTORS              [1662]  # WITHDRAW , PULL
- * {WEAPONS INSPECTORS}    [1662]  # WITHDRAW , PULL
- * OBSERVERS               [1662]  # WITHDRAW , PULL
- * MONITORS                [1662]  # WITHDRAW , PULL
- * {AID WORKERS}           [1663]  # WITHDRAW , PULL

--- OBTAIN   [---]  ---
- * INSPECTORS              [0862]  # RECEIVE , ADMIT
- * OBSERVERS               [0862]  # RECEIVE , ADMIT
- * MONITORS                [0862]  # RECEIVE , ADMIT
- * &PKO                    [0861]  # RECEIVE , ADMIT

--- RETURN   [---]  ---
- * (FOR TALKS)             [046]   # RETURN
- * (FOR TALK)              [046]   # RETURN
- * (FOR NEGOTIATIONS)      [046]   # RETURN
- * (TO {NEGOTIATING TABLE}) [046]  # RETURN

--- GO_SOMEWHERE   [040]  ---
- * (FOR TALKS)             [046]   # GO , TRAVEL , LEAVE , HEAD
- * (FOR TALK)              [046]   # GO , TRAVEL , LEAVE , HEAD
- * (FOR NEGOTIATIONS)      [046]   # GO , TRAVEL , LEAVE , HEAD

--- SEND   [---]  ---
- * ARMS (TO)               [072]   # SEND , SHIP , SUPPLY
- * WEAPONS (TO)            [072]   # SEND , SHIP , SUPPLY

--- DELAY   [120]  ---
- * DEMONSTRATION           [1721]  # PREVENT , HINDER , OBSTRUCT , IMPEDE , FORESTALL
- * DEMONSTRATIONS          [1721]  # PREVENT , HINDER , OBSTRUCT , IMPEDE , FORESTALL
- * RALLY                   [1721]  # PREVENT , HINDER , OBSTRUCT , IMPEDE , FORESTALL
- * RALLIES                 [1721]  # PREVENT , HINDER , OBSTRUCT , IMPEDE , FORESTALL
- * PROTEST                 [1721]  # PREVENT , HINDER , OBSTRUCT , IMPEDE , FORESTALL
- * PROTESTS                [1721]  # PREVENT , HINDER , OBSTRUCT , IMPEDE , FORESTALL
- * MARCH                   [1721]  # PREVENT , HINDER , OBSTRUCT , IMPEDE , FORESTALL

--- APPREHEND   [171]  ---
- * STEPS                   [---]   # TAKE
- * MEASURES                [---]   # TAKE
- * OFFICE                  [---]   # TAKE
- * PLACE                   [---]   # TAKE

--- SANCTION   [163]  ---
SANCTION

--- RETAKE   [192]  ---
RETAKE

--- BULLDOZE   [1712]  ---
BULLDOZE

--- PICKET   [141]  ---
PICKET
"""


def supplement(lexicon: Lexicon) -> Lexicon:
    """``lexicon`` with the supplementary verbs and patterns added (changed in place)."""
    lexicon.extend(parse_verb_dictionary(SUPPLEMENT, "cameo-supplement"))
    return lexicon
