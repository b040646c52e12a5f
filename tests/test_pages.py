"""The page checks themselves: each must catch what it is for and pass what it is not."""

from tests.pages import shown_none


def test_an_error_message_of_none_is_caught():
    html = (
        '<p class="nhsuk-error-message"><span class="nhsuk-u-visually-hidden">Error:</span>'
        " None</p>"
    )
    assert shown_none(html) == ["<span> ... None"]


def test_a_value_of_none_is_caught_in_text_and_attributes():
    assert shown_none("<dl><dt>Description</dt><dd>None</dd></dl>") == ["<dd> ... None"]
    assert shown_none("<p>Owner: None</p>") == ["<p> ... Owner: None"]
    assert shown_none('<input name="title" value="None">') == ['<input value="None">']


def test_sentences_scripts_and_other_words_pass():
    html = (
        "<p>None of the groups is small enough to hide.</p><p>Nonesuch</p>"
        "<script>if (x === None) {}</script><p>No action done</p>"
    )
    assert shown_none(html) == []
