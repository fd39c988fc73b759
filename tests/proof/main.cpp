#define BOOST_TEST_MODULE proof
#include <boost/test/unit_test.hpp>
