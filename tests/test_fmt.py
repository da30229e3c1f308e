"""Swedish number formatting as the interface shows it."""

from funding import fmt

NB = "\u00a0"


def test_whole_kronor():
    assert fmt.sek(1_234_567) == f"1{NB}234{NB}567{NB}kr"
    assert fmt.sek(999) == f"999{NB}kr"
    assert fmt.sek(1_234_567, "en") == f"SEK{NB}1,234,567"


def test_millions_with_decimal_comma():
    assert fmt.msek(12_345_678) == f"12,3{NB}mnkr"
    assert fmt.msek(1_490_000_000) == f"1{NB}490,0{NB}mnkr"
    assert fmt.msek(12_345_678, lang="en") == f"SEK{NB}12.3m"


def test_negative_and_missing():
    assert fmt.number(-1500) == f"\u22121{NB}500"
    assert fmt.sek(None) == "–"
    assert fmt.sek(float("nan")) == "–"


def test_per_capita_and_percent():
    assert fmt.sek_per_capita(46.849) == f"46,85{NB}kr/inv."
    assert fmt.percent(0.2334) == f"23,3{NB}%"
    assert fmt.compact_sek(2_060_000_000) == f"2,06{NB}mdkr"
