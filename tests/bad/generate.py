#!/usr/bin/env python3
"""Writes the broken packs under tests/bad/ (one folder per rule) from one small valid pack.

Each folder gets tender.xml, bids/, scores.xml and `command`; expected/exit-code and
expected/stderr.txt are the tool's output, reviewed by hand when a case is added or changed:
    for d in tests/bad/*/; do (cd "$d" && ...); done   (see tests/tools/run-bad.sh)
Run from anywhere: python3 tests/bad/generate.py
"""
import os, shutil
base = os.path.dirname(os.path.abspath(__file__))
TENDER='''<?xml version="1.0" encoding="UTF-8"?>
<tender xmlns="urn:tenderscore:tender:1" id="T-BAD" deadline="2023-10-02T12:00:00Z">
  <title>Broken-input test tender</title>
  <authority>Test Council</authority>
  <contract initialYears="1"/>
  <evaluation priceWeight="70" qualityWeight="30">
    <quality scaleMax="5">
      <question id="Q1" weight="20">Safeguarding</question>
      <question id="Q2" weight="10">Workforce</question>
    </quality>
  </evaluation>
  <requirement id="INSURANCE">Insurance</requirement>
  <lot id="L1" maxPlaces="6" maxPlacesPerSetting="5" maxWeeklyPrice="5963.00"/>
</tender>
'''
def bid(i, price='5450.00', extra=''):
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<bid xmlns="urn:tenderscore:bid:1" id="B{i}" tender="T-BAD" submitted="2023-10-01T10:00:00Z">
  <bidder name="Provider {i}"/>
  <declaration requirement="INSURANCE" met="true"/>
  <lotBid lot="L1">
    <setting urn="SC00{i}" registeredPlaces="4" ofstedRating="Good" places="3" weeklyPrice="{price}"/>
  </lotBid>{extra}
</bid>
'''
SCORES='''<?xml version="1.0" encoding="UTF-8"?>
<scores xmlns="urn:tenderscore:scores:1" tender="T-BAD">
  <evaluator id="E1" name="Evaluator one"/>
  <consensus bid="B1" question="Q1" score="3"/>
  <consensus bid="B1" question="Q2" score="4"/>
  <consensus bid="B2" question="Q1" score="4"/>
  <consensus bid="B2" question="Q2" score="3"/>
  <mark bid="B1" question="Q1" evaluator="E1" score="3"/>
  <mark bid="B1" question="Q2" evaluator="E1" score="4"/>
  <mark bid="B2" question="Q1" evaluator="E1" score="4"/>
  <mark bid="B2" question="Q2" evaluator="E1" score="3"/>
</scores>
'''
EVAL='evaluate --tender tender.xml --bids bids --scores scores.xml --out @OUT@'
VALID='validate --tender tender.xml --bids bids --scores scores.xml'
def case(name, command, tender=TENDER, bids=None, scores=SCORES):
    d=f'{base}/{name}'
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d+'/bids'); os.makedirs(d+'/expected')
    open(d+'/tender.xml','w').write(tender)
    for i,text in (bids or {1: bid(1), 2: bid(2)}).items():
        open(f'{d}/bids/B{i}.xml', 'w', encoding='utf-8', errors='surrogateescape').write(text)
    open(d+'/scores.xml','w').write(scores)
    open(d+'/command','w').write(command+'\n')

case('every-problem-in-a-bid-is-listed', VALID, bids={1: bid(1, price='5,450.00', extra='\n  <response question="Q9">Text</response>\n  <colour/>').replace('ofstedRating="Good"','ofstedRating="good"').replace('met="true"','met="yes"'), 2: bid(2)})
case('doctype-is-refused', EVAL, bids={1: bid(1).replace('<?xml version="1.0" encoding="UTF-8"?>\n','<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE bid [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'), 2: bid(2)})
case('weights-do-not-add-up', EVAL, tender=TENDER.replace('priceWeight="70"','priceWeight="65.5"').replace('weight="10"','weight="9.5"'))
case('missing-consensus', EVAL, scores=SCORES.replace('  <consensus bid="B2" question="Q2" score="3"/>\n',''))
case('duplicate-bid-ids', EVAL, bids={1: bid(1), 2: bid(1).replace('SC001','SC002')})
case('unknown-lot-and-requirement', EVAL, bids={1: bid(1).replace('lot="L1"','lot="L2"').replace('requirement="INSURANCE"','requirement="INSURANCE-10M"'), 2: bid(2)})
case('scores-for-another-tender', EVAL, scores=SCORES.replace('tender="T-BAD"','tender="T-OTHER"').replace('<consensus bid="B1" question="Q1" score="3"/>','<consensus bid="B1" question="Q1" score="6"/>\n  <mark bid="B1" question="Q1" evaluator="E9" score="2"/>'))
case('ceiling-linear-needs-a-ceiling', EVAL, tender=TENDER.replace('<evaluation ','<evaluation priceMethod="ceiling-linear" ').replace(' maxWeeklyPrice="5963.00"',''))
case('wrong-namespace', EVAL, bids={1: bid(1).replace('urn:tenderscore:bid:1','urn:tenderscore:bid:2'), 2: bid(2)})
case('malformed-xml', VALID, scores=SCORES.replace('</scores>','</score>'))
case('unparsable-bid-reported-once', EVAL, bids={1: bid(1).replace('</lotBid>','</lotbid>'), 2: bid(2)})

case('missing-namespace', VALID, bids={1: bid(1).replace(' xmlns="urn:tenderscore:bid:1"', ''), 2: bid(2)})
case('unknown-attribute', VALID, bids={1: bid(1).replace('places="3"', 'places="3" colour="red"'), 2: bid(2)})
case('missing-required-attributes', VALID,
     bids={1: bid(1).replace(' weeklyPrice="5450.00"', '').replace(' submitted="2023-10-01T10:00:00Z"', ''), 2: bid(2)})
case('two-root-elements', VALID, bids={1: bid(1) + '<bid/>\n', 2: bid(2)})
case('empty-file', VALID, bids={1: '', 2: bid(2)})
case('invalid-utf8', VALID, bids={1: bid(1).replace('Provider 1', 'Provider \udcff1'), 2: bid(2)})
case('ids-outside-allowed-characters', VALID,
     bids={1: bid(1).replace('id="B1"', 'id="B 1"').replace('urn="SC001"', 'urn="SC/001"'), 2: bid(2)})
MONEY = ''.join(f'\n    <setting urn="SCM{n}" registeredPlaces="4" ofstedRating="Good" places="1" weeklyPrice="{p}"/>'
                for n, p in enumerate(['-5450', '5.45e3', '5,450.00', '5450.001', '0', 'NaN', '5450 ']))
case('money-forms-refused', VALID, bids={1: bid(1).replace('\n  </lotBid>', MONEY + '\n  </lotBid>'), 2: bid(2)})
case('non-integers', VALID,
     bids={1: bid(1).replace('places="3"', 'places="2.5"').replace('registeredPlaces="4"', 'registeredPlaces="four"'),
           2: bid(2)})
case('unknown-rating', VALID, bids={1: bid(1).replace('ofstedRating="Good"', 'ofstedRating="Excellent"'), 2: bid(2)})
case('duplicate-settings', VALID,
     bids={1: bid(1).replace('\n  </lotBid>', '\n    <setting urn="SC001" registeredPlaces="4" ofstedRating="Good" '
                                               'places="1" weeklyPrice="5000"/>\n  </lotBid>'), 2: bid(2)})
case('marks-outside-the-scale', VALID, scores=SCORES.replace('<consensus bid="B1" question="Q1" score="3"/>',
                                                             '<consensus bid="B1" question="Q1" score="6"/>\n'
                                                             '  <mark bid="B1" question="Q1" evaluator="E1" score="-1"/>'))
case('duplicate-marks-and-consensus', VALID,
     scores=SCORES.replace('</scores>', '  <mark bid="B1" question="Q1" evaluator="E1" score="3"/>\n'
                                        '  <mark bid="B1" question="Q1" evaluator="E1" score="4"/>\n'
                                        '  <consensus bid="B1" question="Q1" score="4"/>\n</scores>'))
case('unknown-evaluator-question-and-bid', VALID,
     scores=SCORES.replace('</scores>', '  <mark bid="B1" question="Q3" evaluator="E2" score="3"/>\n'
                                        '  <consensus bid="B9" question="Q1" score="4" moderator="E7"/>\n</scores>'))
case('bid-for-another-tender', EVAL, bids={1: bid(1).replace('tender="T-BAD"', 'tender="T-OTHER"'), 2: bid(2)})
LIMITS = 'validate --tender tender.xml --bids bids --scores scores.xml --config limits.properties'
case('file-over-the-size-limit', LIMITS)
with open(f'{base}/file-over-the-size-limit/limits.properties', 'w') as f:
    f.write('# A limit below the size of the bid files\nlimits.maxFileBytes = 300\n')
case('nesting-over-the-depth-limit', VALID,
     bids={1: bid(1).replace('</lotBid>', '</lotBid>\n  <x:note xmlns:x="urn:example:ext">' + '<x:n>' * 70 + '</x:n>' * 70 +
                             '</x:note>'), 2: bid(2)})
case('attribute-and-text-over-their-limits', LIMITS,
     bids={1: bid(1).replace('Provider 1', 'Provider ' + 'x' * 200).replace('</lotBid>', '</lotBid>\n  <response question="Q1">' + 'y' * 300 + '</response>'),
           2: bid(2)})
with open(f'{base}/attribute-and-text-over-their-limits/limits.properties', 'w') as f:
    f.write('limits.maxAttributeBytes = 100\nlimits.maxTextBytes = 200\n')

# What pugixml's parse does not check is checked before it: characters XML does not allow, raw or
# as references (&#0; would cut a name short), undeclared entities, a bare '&', '<' in a value,
# ']]>' in text, '--' in a comment. Every such problem of a file is listed.
case('characters-and-references-xml-refuses', VALID,
     bids={1: bid(1).replace('Provider 1', 'Provider&#0;1 &amp Sons &nbsp; <Ltd>')
                    .replace('<declaration', '<!-- checked -- twice -->\n  <declaration')
                    .replace('</lotBid>', '</lotBid>\n  <response question="Q1">\x1b[2J]]> &#xFFFE; &#x110000;</response>'),
           2: bid(2)})
case('xml-declaration-not-first', VALID, bids={1: ' ' + bid(1), 2: bid(2)})
# An element in no namespace (xmlns="") is not an extension: the declaration would vanish and the
# bid be excluded for a requirement it declared met.
case('element-in-no-namespace', EVAL,
     bids={1: bid(1).replace('<declaration requirement', '<declaration xmlns="" requirement'), 2: bid(2)})
case('prefix-not-declared', VALID, bids={1: bid(1).replace('</lotBid>', '</lotBid>\n  <ext:note/>'), 2: bid(2)})
NODES = 'validate --tender tender.xml --bids bids --scores scores.xml --config nodes.properties'
case('nodes-over-the-limit', NODES,
     bids={1: bid(1).replace('</lotBid>', '</lotBid>\n  <x:list xmlns:x="urn:example:ext">' + '<x:i/>' * 40 + '</x:list>'),
           2: bid(2)})
with open(f'{base}/nodes-over-the-limit/nodes.properties', 'w') as f:
    f.write('# The tender has 31 nodes, B2 and the scores fewer; B1 has 40 more\nlimits.maxNodes = 31\n')
# The format's largest values (docs/formats.md): with them every figure fits in 64-bit pence.
case('values-over-the-format-limits', VALID,
     tender=TENDER.replace('initialYears="1"', 'initialYears="10000" extensionYears="26" weeksPerYear="53.5" '
                           'annualUpliftPercent="10.5"').replace('maxPlaces="6"', 'maxPlaces="1000001"'),
     bids={1: bid(1, price='999999999999.99'), 2: bid(2)})
