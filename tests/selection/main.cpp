#define BOOST_TEST_MODULE selection
#include <boost/test/unit_test.hpp>
