"""Who in the applicant's address counts as what, by the Participatiewet/Bbz household rules (model form T14).

- The partner and the resident children under 18 belong to the applicant's household.
- Everyone else at the address is a co-resident (medebewoner); one aged 21 or over is a cost-sharer
  (kostendeler) unless they study with study finance (or BBL). Only numbers of co-residents leave the adapter."""

from __future__ import annotations

from dataclasses import dataclass

MEERDERJARIG = 18
KOSTENDELER_LEEFTIJD = 21


@dataclass(frozen=True)
class Bewoner:
    """One person registered at the address, as far as the adapter needs them: BSN (to tell who is who) and age."""

    burgerservicenummer: str
    leeftijd: int


@dataclass(frozen=True)
class Indeling:
    inwonende_kinderen: list[str]  # BSNs of resident children under 18
    medebewoners: list[Bewoner]

    @property
    def medebewoners_21_plus(self) -> list[Bewoner]:
        return [b for b in self.medebewoners if b.leeftijd >= KOSTENDELER_LEEFTIJD]


def indelen(aanvrager: str, partner: str | None, kinderen: set[str], bewoners: list[Bewoner]) -> Indeling:
    inwonend_kind = [b for b in bewoners if b.burgerservicenummer in kinderen and b.leeftijd < MEERDERJARIG]
    huishouden = {aanvrager, partner, *(b.burgerservicenummer for b in inwonend_kind)}
    return Indeling(
        inwonende_kinderen=[b.burgerservicenummer for b in inwonend_kind],
        medebewoners=[b for b in bewoners if b.burgerservicenummer not in huishouden],
    )
