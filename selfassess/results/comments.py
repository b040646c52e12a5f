"""Participants' comments, stripped of everything that could point to who wrote them.

Only the text is read (no participant, group, date or id), in one query for a whole component.
Each statement's comments are sorted alphabetically, so their order says nothing about who
answered first or which group they belong to.

A statement's comments are shown only once at least ``k`` people (the assessment's anonymity
threshold) have answered it: with two or three people, a comment is easy to attribute to its
author, however anonymous the page makes it look.
"""

from collections import defaultdict

from selfassess.assessments.models import Response


def comments_by_statement(assessment, statement_ids, answered, k) -> dict[str, list[str]]:
    """``{statement_id: [comment, ...]}`` for the statements in ``statement_ids`` that at
    least ``k`` people answered (``answered`` maps statement id to its number of answers)."""
    shown = [sid for sid in statement_ids if answered.get(sid, 0) >= k]
    if not shown:
        return {}
    rows = (
        Response.objects.filter(participant__assessment=assessment, statement_id__in=shown)
        .exclude(comment="")
        .values_list("statement_id", "comment")
        .order_by()
    )
    comments: dict[str, list[str]] = defaultdict(list)
    for statement_id, comment in rows:
        text = comment.strip()
        if text:
            comments[statement_id].append(text)
    return {sid: sorted(texts, key=lambda t: (t.casefold(), t)) for sid, texts in comments.items()}
