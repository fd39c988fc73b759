#define BOOST_TEST_MODULE campaign
#include <boost/test/unit_test.hpp>
