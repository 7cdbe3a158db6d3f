"""Rule kind ``headline``: does the text support its headline and its section headings?

A headline promises what the story says. Each rule of this kind names one ``check``,
and each check is one module here with its own rule model and checker:

- ``mismatch``: the headline's information is largely absent from the body.
- ``missing_fact``: a number or a name in the headline that the body never mentions.
- ``thin_support``: a reaction announced in the headline that the body reports only
  with nobody named.
- ``intensity_gap``: the headline's tone goes well beyond the body's.
- ``contested``: the body disputes what the headline states as fact.
- ``heading_unsupported``: a section heading its text does not carry.
- ``all_caps``: ordinary words shouted in capitals.

Measuring is separate from judging: the figures (support, cohesion, heading support,
tone) are in analysis/headline/; a check turns a figure into a finding with evidence.
base.py holds what the checks share; kinds/builtin.py imports every module.
"""
