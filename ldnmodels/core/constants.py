"""Physical constants used across the models (molar masses and unit conversions).

References: molar masses as given in the project's reference facts (``molar_mass`` in
:mod:`ldnmodels.core.sources`).
"""
__all__ = ["NALTREXONE_HCL_G_PER_MOL", "NALTREXONE_BASE_G_PER_MOL", "NALTREXOL_G_PER_MOL", "SALT_TO_BASE_FRACTION",
           "ng_ml_to_nm"]

#: Molar mass of naltrexone hydrochloride (the salt in tablets and capsules), g/mol.
NALTREXONE_HCL_G_PER_MOL = 377.9
#: Molar mass of naltrexone free base (what plasma assays report), g/mol.
NALTREXONE_BASE_G_PER_MOL = 341.4
#: Molar mass of 6β-naltrexol, g/mol.
NALTREXOL_G_PER_MOL = 343.4
#: mg of naltrexone base per mg of naltrexone hydrochloride (doses are written as the salt).
SALT_TO_BASE_FRACTION = NALTREXONE_BASE_G_PER_MOL / NALTREXONE_HCL_G_PER_MOL


def ng_ml_to_nm(concentration_ng_ml, g_per_mol):
    """Convert a concentration from ng/mL to nmol/L (nM).

    ng/mL = µg/L, and µg/L divided by g/mol gives µmol/L; times 1000 gives nM.

    Parameters
    ----------
    concentration_ng_ml : float or ndarray
        Concentration, ng/mL (any shape; not checked).
    g_per_mol : float
        Molar mass of the compound, g/mol (e.g. :data:`NALTREXONE_BASE_G_PER_MOL`).

    Returns
    -------
    float or ndarray
        The concentration in nM, same shape as ``concentration_ng_ml``.

    Examples
    --------
    >>> round(ng_ml_to_nm(13.3, NALTREXONE_BASE_G_PER_MOL), 1)
    39.0
    """
    return concentration_ng_ml * 1000.0 / g_per_mol
