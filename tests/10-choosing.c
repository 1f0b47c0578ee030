/* Chapter 10-choosing: placeholder suite until the chapter is written. */
#include "grader.h"

START_TEST(chapter_is_written)
{
	ck_abort_msg("chapter 10-choosing is not written yet");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("10-choosing");
	tcase_add_test(grader_tcase(s, "placeholder"), chapter_is_written);
	return grader_run(s);
}
