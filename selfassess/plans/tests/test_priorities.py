def test_the_short_list_names_a_few_uncovered_statements_in_rank_order():
    from selfassess.plans.priorities import SHORTLIST_SIZE, Priorities, Suggestion

    def suggestion(number, actions):
        return Suggestion(
            number=number, statement=None, component=None, current=2, target=4, gap=2,
            contested=False, group_gap=None, higher_group="", lower_group="",
            action_count=actions,
        )  # fmt: skip

    ranked = [suggestion(f"1.{n}", 1 if n in (2, 4) else 0) for n in range(1, 10)]
    priorities = Priorities(ranked=ranked, not_agreed=[], at_target=0)
    assert SHORTLIST_SIZE == 5
    # 1.2 and 1.4 already have actions; the next five uncovered, in their ranked order.
    assert [s.number for s in priorities.shortlist] == ["1.1", "1.3", "1.5", "1.6", "1.7"]
    covered = Priorities(ranked=ranked[1:2], not_agreed=[], at_target=0)
    assert covered.shortlist == []
