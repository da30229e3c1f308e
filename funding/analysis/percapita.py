"""Kronor per inhabitant: the one division every page, export and chart uses."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


def per_capita(amount, population):
    """Kronor per inhabitant: a float for scalars, a nullable Float64 Series for Series; None (or <NA>) where
    the population is missing or zero, because money without people to divide it by has no per-capita value."""
    if isinstance(amount, pd.Series) or isinstance(population, pd.Series):
        amount = pd.Series(amount).astype("Float64")
        people = pd.Series(population).astype("Float64")
        return (amount / people.where(people > 0)).astype("Float64")
    if population is None or pd.isna(population) or population <= 0:
        return None
    return float(amount) / float(population)


@dataclass(frozen=True)
class Basis:
    """What a per-capita figure divides: which money (`money`: a code the presenters phrase) by which
    population (`population` people on `date`, `area`: a region code, or "" for the whole country)."""

    money: str      # "all" (every selected krona), "regional" (money split by region), "region" (one region's)
    area: str
    population: int
    date: str
