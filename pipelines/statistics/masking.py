"""Mask identifiers in the college packages: enough to recognise a row, not to reuse it."""

import pandas as pd


def mask_id_number(value: str | None) -> str | None:
    """Keep the first four and last four characters of an ID number.

    >>> mask_id_number("31010119900101123X")
    '3101**********123X'
    >>> mask_id_number("1234567"), mask_id_number(None)
    ('*******', None)
    """
    return _mask(value, keep_start=4, keep_end=4)


def mask_phone(value: str | None) -> str | None:
    """Keep the first three and last four characters of a phone number.

    >>> mask_phone("13800138000"), mask_phone("021-58001234")
    ('138****8000', '021*****1234')
    """
    return _mask(value, keep_start=3, keep_end=4)


def mask_columns(frame: pd.DataFrame, id_columns=(), phone_columns=()) -> pd.DataFrame:
    """A copy of `frame` with the named ID-number and phone columns masked."""
    result = frame.copy()
    for column in id_columns:
        result[column] = frame[column].map(mask_id_number, na_action="ignore")
    for column in phone_columns:
        result[column] = frame[column].map(mask_phone, na_action="ignore")
    return result


def _mask(value: str | None, keep_start: int, keep_end: int) -> str | None:
    if value is None or pd.isna(value):
        return None
    text = str(value)
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    hidden = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * hidden + text[len(text) - keep_end :]
