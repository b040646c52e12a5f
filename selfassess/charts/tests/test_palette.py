import pytest

from selfassess.charts import palette


def test_black_on_white_is_21_to_1():
    assert palette.contrast_ratio(palette.BLACK, palette.WHITE) == pytest.approx(21)


def test_nhs_blue_on_white_matches_a_hand_worked_ratio():
    # #005EB8: G 94/255 -> 0.11192, B 184/255 -> 0.47931 after sRGB linearising;
    # L = 0.7152 * 0.11192 + 0.0722 * 0.47931 = 0.11466; (1.05) / (0.16466) = 6.377.
    assert palette.contrast_ratio(palette.NHS_BLUE, palette.WHITE) == pytest.approx(6.377, abs=0.01)


def test_five_levels_run_from_pale_blue_to_dark_blue():
    colours = palette.level_colours(5)
    assert colours[0] == palette.PALE_BLUE
    assert colours[-1] == palette.DARK_BLUE
    # The middle level is halfway between Light Blue and NHS Blue:
    # (0x41 + 0x00) / 2 = 32.5 -> 0x20 (rounded half to even), (0xB6 + 0x5E) / 2 = 138 -> 0x8A,
    # (0xE6 + 0xB8) / 2 = 207 -> 0xCF.
    assert colours[2] == "#208ACF"


@pytest.mark.parametrize("count", range(2, 11))
def test_ramp_gets_darker_with_every_level(count):
    luminances = [palette.relative_luminance(c) for c in palette.level_colours(count)]
    assert luminances == sorted(luminances, reverse=True)
    assert len(set(luminances)) == count


@pytest.mark.parametrize("count", range(1, 11))
def test_labels_on_every_level_colour_meet_aa_contrast(count):
    for colour in palette.level_colours(count):
        assert palette.contrast_ratio(colour, palette.text_colour_on(colour)) >= 4.5


def test_labels_on_dont_know_grey_meet_aa_contrast():
    label = palette.text_colour_on(palette.DONT_KNOW)
    assert label == palette.BLACK
    assert palette.contrast_ratio(palette.DONT_KNOW, label) >= 4.5


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        palette.level_colours(0)
    with pytest.raises(ValueError):
        palette.hex_to_rgb("#12345")
